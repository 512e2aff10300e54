// Every command of the CLI, in the order `rnnlab --help` lists them. A new command is one module exporting a
// `register(program, io)` function plus one line here. Command modules import the core (zod, ml-matrix, the engines)
// inside their actions, with `await import(...)`, so that `--help` and usage errors start fast.
import type { Command } from 'commander';
import type { CliIO } from '../io';
import { registerBench } from './bench';
import { registerEval } from './eval';
import { registerExport } from './export';
import { registerGrad } from './grad';
import { registerGradcheck } from './gradcheck';
import { registerImport } from './import';
import { registerInfo } from './info';
import { registerNew } from './new';
import { registerRun } from './run';
import { registerServe } from './serve';
import { registerTask } from './task';
import { registerTrain } from './train';

export type RegisterCommand = (program: Command, io: CliIO) => void;

export const commandModules: RegisterCommand[] = [registerNew, registerInfo, registerEval, registerGrad, registerGradcheck, registerBench, registerTask, registerTrain, registerServe, registerExport, registerRun, registerImport];
