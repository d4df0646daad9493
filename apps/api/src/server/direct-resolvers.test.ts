import 'reflect-metadata';
import { Arg, Authorized, buildSchema, Ctx, Field, FieldResolver, ObjectType, Query, Resolver, Root, UseMiddleware } from 'type-graphql';
import { describe, expect, it } from 'vitest';
import { SocialAccount } from '../accounts/social-account.entity.js';
import { buildStewardSchema } from '../schema.js';
import { callPlainFieldResolversDirectly } from './direct-resolvers.js';

// Duck-typed on purpose: importing `graphql` here would load a second copy of it under vitest.
type Resolve = (root: unknown, args: unknown, context: unknown, info: unknown) => unknown;
interface AnyObjectType {
  getFields(): Record<string, { resolve?: Resolve }>;
}

@ObjectType({ description: 'A test type.' })
class Thing {
  @Field({ description: 'Its name.' })
  name!: string;
}

@Resolver(() => Thing)
class ThingResolver {
  @Query(() => Thing, { description: 'A thing.' })
  thing(): Thing {
    return Object.assign(new Thing(), { name: 'a' });
  }

  @FieldResolver(() => String, { description: 'Plain: the name, loud.' })
  loud(@Root() thing: Thing, @Ctx() ctx: { suffix: string }): string {
    return `${thing.name.toUpperCase()}${ctx.suffix}`;
  }

  @Authorized('thing.secret')
  @FieldResolver(() => String, { description: 'Authorized.' })
  secret(@Root() thing: Thing): string {
    return `secret of ${thing.name}`;
  }

  @FieldResolver(() => String, { description: 'With an argument.' })
  repeated(@Root() thing: Thing, @Arg('times', () => Number) times: number): string {
    return thing.name.repeat(times);
  }

  @UseMiddleware(async (_data, next) => `(${await next()})`)
  @FieldResolver(() => String, { description: 'With a middleware.' })
  wrapped(@Root() thing: Thing): string {
    return thing.name;
  }
}

describe('plain field resolvers called directly', () => {
  it('only a resolver with no roles, no middleware and no arguments skips type-graphql; @Authorized still denies', async () => {
    const schema = await buildSchema({
      resolvers: [ThingResolver],
      authChecker: () => false,
      authMode: 'error',
      validate: false,
    });
    expect(callPlainFieldResolversDirectly(schema, [ThingResolver])).toEqual(['Thing.loud']);
    const fields = (schema.getType('Thing') as unknown as AnyObjectType).getFields();
    const thing = Object.assign(new Thing(), { name: 'a' });
    expect(fields.loud?.resolve?.(thing, {}, { suffix: '!' }, {})).toBe('A!');
    // A root that is not a Thing goes through type-graphql, which converts it: same answer.
    expect(fields.loud?.resolve?.({ name: 'b' }, {}, { suffix: '?' }, {})).toBe('B?');
    await expect(Promise.resolve(fields.secret?.resolve?.(thing, {}, {}, {}))).rejects.toThrow(/access denied/i);
    await expect(Promise.resolve(fields.wrapped?.resolve?.(thing, {}, {}, {}))).resolves.toBe('(a)');
    // With global middlewares, nothing is called directly.
    expect(callPlainFieldResolversDirectly(schema, [ThingResolver], { globalMiddlewares: [() => null] })).toEqual([]);
  });

  it("the list rows' resolvers in the real schema are called directly, with the same answers", async () => {
    const { schema, direct: directFields } = await buildStewardSchema();
    expect(directFields).toEqual(
      expect.arrayContaining(['SocialAccount.owner', 'SocialAccount.school', 'SocialAccount.attention', 'SocialAccount.classificationReasons']),
    );
    const fields = (schema.getType('SocialAccount') as unknown as AnyObjectType).getFields();
    const signals = ['USES_DISTRICT_NAME', 'LISTS_STAFF_POSITION'];
    const account = Object.assign(Object.create(SocialAccount.prototype) as SocialAccount, { signals });
    const direct = fields.classificationReasons?.resolve?.(account, {}, {}, {}) as { signal: string }[];
    // A plain object takes type-graphql's path (it converts the root first).
    const converted = fields.classificationReasons?.resolve?.({ signals }, {}, {}, {}) as { signal: string }[];
    expect(direct.map((r) => r.signal)).toEqual(expect.arrayContaining(signals));
    expect(converted).toEqual(direct);
  });
});
