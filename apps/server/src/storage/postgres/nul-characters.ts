import {
  OperationNodeTransformer,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type PrimitiveValueListNode,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
  type ValueNode,
} from 'kysely';

/** U+0000 has no place in PostgreSQL text; U+FFFD is what a decoder puts for what it cannot keep. */
const NUL = '\u0000';
const clean = (value: unknown): unknown =>
  typeof value === 'string' && value.includes(NUL) ? value.replaceAll(NUL, '\uFFFD') : value;

class NulReplacer extends OperationNodeTransformer {
  protected override transformValue(node: ValueNode): ValueNode {
    const value = clean(node.value);
    return value === node.value ? node : { ...node, value };
  }

  protected override transformPrimitiveValueList(node: PrimitiveValueListNode): PrimitiveValueListNode {
    return node.values.some((value) => clean(value) !== value)
      ? { ...node, values: node.values.map(clean) }
      : node;
  }
}

/**
 * PostgreSQL refuses a NUL character in text (22021, "invalid byte sequence for encoding UTF8:
 * 0x00"), where SQLite stores it. Any client can send one (a key name, a path id, a text whose
 * history excerpt is kept), and the refusal was a 500 — or, for a history batch written in the
 * background, the loss of the whole batch. Every string a query sends to PostgreSQL has its NUL
 * characters replaced by U+FFFD, so both databases take the same input; a lookup by an id with a
 * NUL in it then simply finds nothing.
 */
export class ReplaceNulCharacters implements KyselyPlugin {
  readonly #replacer = new NulReplacer();

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return this.#replacer.transformNode(args.node);
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}
