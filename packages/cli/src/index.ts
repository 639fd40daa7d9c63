/** The `rubric` command as a library: run it in-process with your own streams. */
export { main, reportError, VERSION, processIo, type Io, type OutStream } from './main.js';
