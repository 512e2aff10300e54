// A small builder of ONNX graphs: nodes with typed attributes, float32/int64 initializers, fresh value names,
// and float32 graph inputs/outputs with symbolic dims. Used for the main graph and for Scan bodies alike.
import { floatTensor, int64Tensor } from '../tensor-data';
import { AttributeType, DataType, type AttributeProto, type GraphProto, type NodeProto, type TensorProto, type ValueInfoProto } from '../proto-types';

export type Dim = number | string;
export type AttrValue =
  | { int: number }
  | { float: number }
  | { ints: number[] }
  | { string: string }
  | { strings: string[] }
  | { graph: GraphProto };

const text = new TextEncoder();

function attribute(name: string, value: AttrValue): AttributeProto {
  if ('int' in value) return { name, type: AttributeType.INT, i: value.int };
  if ('float' in value) return { name, type: AttributeType.FLOAT, f: value.float };
  if ('ints' in value) return { name, type: AttributeType.INTS, ints: value.ints };
  if ('string' in value) return { name, type: AttributeType.STRING, s: text.encode(value.string) };
  if ('strings' in value) return { name, type: AttributeType.STRINGS, strings: value.strings.map((s) => text.encode(s)) };
  return { name, type: AttributeType.GRAPH, g: value.graph };
}

/** A float32 value info; `dims` null leaves the shape unknown (Scan body values). */
export function floatValueInfo(name: string, dims: Dim[] | null): ValueInfoProto {
  const shape = dims === null ? undefined : { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) };
  return { name, type: { tensorType: { elemType: DataType.FLOAT, shape } } };
}

export class GraphBuilder {
  private readonly nodes: NodeProto[] = [];
  private readonly initializers: TensorProto[] = [];
  private readonly inputs: ValueInfoProto[] = [];
  private readonly outputs: ValueInfoProto[] = [];
  private counter = 0;

  /** `prefix` keeps the value names of a Scan body apart from the outer graph's. */
  constructor(private readonly prefix = '') {}

  fresh(hint: string): string {
    return `${this.prefix}${hint}_${this.counter++}`;
  }

  /** Adds a node; returns its outputs (fresh names unless given). '' in `inputs` skips an optional input. */
  node(op: string, inputs: string[], attrs: Record<string, AttrValue> = {}, outputs: number | string[] = 1): string[] {
    const names = typeof outputs === 'number' ? Array.from({ length: outputs }, () => this.fresh(op.toLowerCase())) : outputs;
    const attribute_ = Object.entries(attrs).map(([k, v]) => attribute(k, v));
    this.nodes.push({ input: inputs, output: names, name: this.fresh(`n_${op}`), opType: op, domain: '', attribute: attribute_ });
    return names;
  }

  /** The single output of a one-output node. */
  op(op: string, inputs: string[], attrs: Record<string, AttrValue> = {}): string {
    return this.node(op, inputs, attrs)[0];
  }

  floatConst(name: string, dims: number[], values: ArrayLike<number>): string {
    this.initializers.push(floatTensor(name, dims, values));
    return name;
  }

  int64Const(values: number[], hint = 'ints'): string {
    const name = this.fresh(hint);
    this.initializers.push(int64Tensor(name, [values.length], values));
    return name;
  }

  input(name: string, dims: Dim[] | null): string {
    this.inputs.push(floatValueInfo(name, dims));
    return name;
  }

  /** Makes `value` a graph output called `name` (through an Identity when the names differ). */
  output(name: string, value: string, dims: Dim[] | null): void {
    if (value !== name) this.node('Identity', [value], {}, [name]);
    this.outputs.push(floatValueInfo(name, dims));
  }

  build(name: string): GraphProto {
    return { name, node: this.nodes, initializer: this.initializers, input: this.inputs, output: this.outputs, valueInfo: [] };
  }
}
