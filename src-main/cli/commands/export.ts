// `rnnlab export`: a project's model as an ONNX file (opset 17), checked in onnxruntime against the engine before
// anything is written, then written atomically (a temporary file renamed over the target).
import type { Command } from 'commander';
import type { EngineName } from '../../core/engine/types';
import { checkOutputFolder, checkOverwrite, CliFileError, fsReason, type CliIO } from '../io';
import { chooseEngine, engineOption } from '../options';

interface ExportCliOptions {
  output: string;
  initialState?: boolean;
  force?: boolean;
  engine?: EngineName;
}

export function registerExport(program: Command, io: CliIO): void {
  program
    .command('export')
    .description('export the model to ONNX (checked in onnxruntime against the engine before writing)')
    .argument('<project>', 'project file (*.rnnlab)')
    .requiredOption('-o, --output <file>', 'the ONNX file to write')
    .option('--initial-state', 'add inputs h0 (and c0) [L*D][batch][hidden], or y0 [batch][output] for jordan')
    .option('--force', 'overwrite an existing file')
    .addOption(engineOption())
    .addHelpText(
      'after',
      `
Inputs: x [batch][time][input_size] float32 (batch and time are dynamic), plus the initial states with --initial-state.
Outputs: y [batch][time][output_size] after the output activation (output [batch][time][D*hidden] without a head),
  h_n [L*D][batch][hidden], and c_n for lstm. See docs/onnx.md.`,
    )
    .action(async (path: string, options: ExportCliOptions) => {
      checkOverwrite(options.output, options.force);
      checkOutputFolder(options.output);
      const { loadProject } = await import('../../core/project/index');
      const { exportProject } = await import('../../core/onnx/export/index');
      const project = await loadProject(path);
      const engine = await chooseEngine(io, options.engine);
      const onWarning = (message: string) => io.err(`rnnlab: warning: ${message}\n`);
      const bytes = await exportProject({ project, engine, initialState: options.initialState === true, onWarning });
      const { writeFileAtomically } = await import('../../core/util/atomic-file');
      try {
        await writeFileAtomically(options.output, bytes);
      } catch (error) {
        throw new CliFileError(`cannot write ${options.output}: ${fsReason(error)}`);
      }
      io.out(`${options.output}: ${project.spec.arch} model, ${bytes.length} bytes, checked in onnxruntime against the ${engine.name} engine\n`);
    });
}
