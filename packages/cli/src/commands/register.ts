/**
 * How a command plugs into the program: each command module exports one
 * `register…(program, ctx)` that adds its subcommand, options and help text.
 */
import type { Command } from 'commander';
import type { Io } from '../io.js';

/** What a command's action needs: the streams, and where to leave its exit code. */
export interface CommandContext {
  io: Io;
  setCode: (code: number) => void;
}

/** Adds one subcommand to the program. */
export type CommandRegistration = (program: Command, ctx: CommandContext) => void;
