import { Field, Int, ObjectType } from 'type-graphql';
import type { Loaders } from '../server/loaders.js';
import type { AccountCredential } from './account-credential.entity.js';

@ObjectType({ simpleResolvers: true, description: 'That credentials are escrowed, and their history: never the secret.' })
export class CredentialMetadata {
  @Field(() => Date, { description: 'When they were escrowed (or last replaced).' })
  escrowedAt!: Date;

  @Field(() => String, { nullable: true, description: 'Who escrowed them.' })
  escrowedByName!: string | null;

  @Field(() => String, { description: 'Id of the master key wrapping the data key.' })
  keyId!: string;

  @Field(() => Int, { description: 'How many times they were revealed.' })
  revealCount!: number;

  @Field(() => Date, { nullable: true, description: 'Last reveal.' })
  lastRevealedAt!: Date | null;
}

@ObjectType({ simpleResolvers: true, description: 'Escrowed credentials, revealed once to an authorized person (XI).' })
export class RevealedCredential {
  @Field(() => String, { description: 'Username of the school-affiliated account.' })
  username!: string;

  @Field(() => String, { description: 'The password. Do not store or forward it (XXIX).' })
  secret!: string;

  @Field(() => Date, { description: 'When it was revealed (audited).' })
  revealedAt!: Date;
}

/** The public view of an escrowed credential: who and when, never the secret. */
export async function toCredentialMetadata(
  credential: AccountCredential,
  loaders: Loaders,
): Promise<CredentialMetadata> {
  const by = credential.escrowedBy ? await loaders.staff.load(credential.escrowedBy.id) : null;
  return {
    escrowedAt: credential.escrowedAt,
    escrowedByName: by?.fullName ?? null,
    keyId: credential.masterKeyId,
    revealCount: credential.revealCount,
    lastRevealedAt: credential.lastRevealedAt,
  };
}
