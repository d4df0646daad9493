import { Field, ObjectType } from 'type-graphql';
import { Staff } from '../staff/staff.entity.js';

@ObjectType({ simpleResolvers: true, description: 'A token for a seeded person, from devLogin (never in production).' })
export class DevLoginPayload {
  @Field(() => String, { description: 'Send as "Authorization: Bearer <token>".' })
  token!: string;

  @Field(() => Date, { description: 'When the token stops working.' })
  expiresAt!: Date;

  @Field(() => Staff, { description: 'The person signed in.' })
  staff!: Staff;
}

@ObjectType({ simpleResolvers: true, description: 'An SIS API key as listed (never the key itself).' })
export class SisApiKeyView {
  @Field(() => String, { description: 'Key id.' })
  id!: string;

  @Field(() => String, { description: 'A name to tell keys apart.' })
  name!: string;

  @Field(() => String, { description: 'The first characters of the key.' })
  prefix!: string;

  @Field(() => [String], { description: 'Operations the key may perform.' })
  scopes!: string[];

  @Field(() => Date, { description: 'When it was issued.' })
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: 'Last time it was used (minute precision).' })
  lastUsedAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When it was revoked, if it was.' })
  revokedAt!: Date | null;
}

@ObjectType({ simpleResolvers: true, description: 'A newly issued SIS API key: the key is shown this once only.' })
export class IssuedSisApiKey {
  @Field(() => String, { description: 'The key in clear text. Store it now; it is not kept.' })
  key!: string;

  @Field(() => SisApiKeyView, { description: 'The stored record.' })
  record!: SisApiKeyView;
}
