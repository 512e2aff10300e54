// The error of ONNX import: a decodable model whose graph is not a recurrent stack RNN Lab can rebuild.
// One line that names the node, operator or pattern, and what RNN Lab imports instead.
import { LabError } from '../../errors';

export class OnnxImportError extends LabError {}

/** What an imported graph may hold, appended to "unsupported" messages. */
export const IMPORT_SCOPE = 'RNN Lab imports RNN/LSTM/GRU stacks with an optional Linear head';
