// Errors of the ONNX layer: a file that is not a readable ONNX model, an export that cannot be made or does not
// match the engine, a run whose inputs do not fit the model. One line each, what was expected and what was found.
import { LabError } from '../errors';

/** Bytes that are not a decodable ONNX model (empty, truncated, corrupt, another format). */
export class OnnxFormatError extends LabError {}
/** An export refused: an unsupported spec, or onnxruntime's result differs from the engine's. */
export class OnnxExportError extends LabError {}
/** onnxruntime could not load or run a model, or the input values do not fit its inputs. */
export class OnnxRunError extends LabError {}
