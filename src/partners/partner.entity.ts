import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A trading partner: a country (ISO 3166-1 alpha-2, English name from i18n-iso-countries),
 * a partner group (GROUP-BRI, GROUP-RCEP) or ALL (the world).
 */
@Entity({ name: 'partner' })
export class PartnerEntity {
  @PrimaryColumn({ type: 'text' })
  code: string;

  @Column({ type: 'text' })
  name: string;

  /** COUNTRY, GROUP or WORLD. */
  @Column({ type: 'text' })
  kind: string;
}
