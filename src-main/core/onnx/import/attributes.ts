// Typed reads of node attributes, and the name a node goes by in error messages.
import type { AttributeProto, NodeProto } from '../proto-types';

const text = new TextDecoder();

export function findAttribute(node: NodeProto, name: string): AttributeProto | undefined {
  return node.attribute.find((a) => a.name === name);
}

export function intAttribute(node: NodeProto, name: string, fallback: number): number {
  const a = findAttribute(node, name);
  return a?.i !== undefined && a.type === 2 ? Number(a.i) : fallback;
}

export function intsAttribute(node: NodeProto, name: string): number[] | null {
  const a = findAttribute(node, name);
  return a && a.type === 7 ? (a.ints ?? []).map(Number) : null;
}

export function stringAttribute(node: NodeProto, name: string, fallback: string): string {
  const a = findAttribute(node, name);
  return a && a.type === 3 && a.s ? text.decode(a.s) : fallback;
}

export function stringsAttribute(node: NodeProto, name: string): string[] | null {
  const a = findAttribute(node, name);
  return a && a.type === 8 ? (a.strings ?? []).map((s) => text.decode(s)) : null;
}

/** "node '/rnn/LSTM' (op LSTM)", or "unnamed node producing 'y' (op Relu)" when the node has no name. */
export function nodeLabel(node: NodeProto): string {
  const short = (text: string) => (text.length > 80 ? `${text.slice(0, 77)}...` : text);
  if (node.name) return `node '${short(node.name)}' (op ${node.opType})`;
  const output = node.output[0];
  return `unnamed node${output ? ` producing '${short(output)}'` : ''} (op ${node.opType})`;
}
