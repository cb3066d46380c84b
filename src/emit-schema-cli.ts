/** `npm run emit-schema`: writes schema.graphql and subgraph.graphql from the code. */
import { emitSchemaFile } from './schema';

emitSchemaFile().then((files) => console.log(`wrote ${files.join(', ')}`), (err) => {
  console.error(err);
  process.exit(1);
});
