// Resident memory of a process group, for the runner's watchdog (host/dev/start.mjs).
import { execFile } from "node:child_process";

/**
 * The resident memory of every process in process group `pgid`, in MB, read
 * with `ps` (Linux and macOS); undefined when ps cannot be run or lists none.
 * Never rejects.
 */
export function groupMemoryMb(pgid) {
  return new Promise((resolve) => {
    execFile("ps", ["-A", "-o", "pgid=,rss="], (error, stdout) => {
      if (error) return resolve(undefined);
      let kb = 0;
      let found = false;
      for (const line of stdout.split("\n")) {
        const [group, rss] = line.trim().split(/\s+/).map(Number);
        if (group === pgid && Number.isFinite(rss)) {
          kb += rss;
          found = true;
        }
      }
      resolve(found ? kb / 1024 : undefined);
    });
  });
}
