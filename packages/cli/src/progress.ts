import { SingleBar } from "cli-progress";

/** Reports progress of a long job: a bar on a terminal, plain lines otherwise (logs, CI). */
export interface Progress {
  (step: string, done?: number, total?: number): void;
  /** Finishes the current bar, if any. */
  stop(): void;
}

/** Progress on stderr; a cli-progress bar when stderr is a TTY, one line per step otherwise. */
export function createProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  const tty = stream.isTTY === true;
  let bar: SingleBar | undefined;
  let barStep = "";
  let lastLine = "";
  const stop = (): void => {
    bar?.stop();
    bar = undefined;
    barStep = "";
  };
  const report = ((step: string, done?: number, total?: number) => {
    if (done !== undefined && total !== undefined) {
      if (tty) {
        if (barStep !== step) {
          stop();
          bar = new SingleBar({
            format: `${step} [{bar}] {percentage}% {value}/{total}`,
            stream,
            hideCursor: true,
          });
          bar.start(total, done);
          barStep = step;
        } else bar?.update(done);
        if (done >= total) stop();
        return;
      }
      // Without a terminal, one line per step start and end keeps logs short.
      if (done !== 0 && done < total) return;
      const line = `${step}: ${done}/${total}`;
      if (line !== lastLine) stream.write(`${line}\n`);
      lastLine = line;
      return;
    }
    stop();
    stream.write(`${step}\n`);
  }) as Progress;
  report.stop = stop;
  return report;
}
