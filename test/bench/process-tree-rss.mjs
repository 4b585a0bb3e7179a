// The resident memory and the CPU time of the workerd processes under one
// process (Linux /proc): `npm run bench:soak` reads the memory of the
// `wrangler dev` it started, whose workerd runs the Worker under test, and
// `npm run bench` the CPU time of each server. The walk takes a /proc
// reader, so it can be tested against a fake tree.
import { readdirSync, readFileSync } from "node:fs";

/** The most descendants one walk visits: a wrangler dev tree holds a handful; a runaway tree must not make the walk endless. */
export const MAX_TREE_PROCESSES = 256;
/** The process name (/proc/<pid>/comm) whose memory is summed. */
export const WORKERD_NAME = "workerd";

/**
 * The real /proc: `list(path)` names a directory's entries, `read(path)` a
 * file's text; each gives undefined when the path is gone (a process may
 * exit between two reads).
 */
export const liveProc = {
  list(path) {
    try {
      return readdirSync(path);
    } catch {
      return undefined;
    }
  },
  read(path) {
    try {
      return readFileSync(path, "utf8");
    } catch {
      return undefined;
    }
  },
};

/**
 * The pids of every descendant of `rootPid` (not itself), breadth first,
 * from /proc/<pid>/task/<tid>/children of each of its threads. Throws a
 * sentence past MAX_TREE_PROCESSES.
 */
export function descendants(rootPid, proc = liveProc) {
  const found = [];
  const seen = new Set([rootPid]);
  const queue = [rootPid];
  while (queue.length > 0) {
    const pid = queue.shift();
    for (const tid of proc.list(`/proc/${pid}/task`) ?? []) {
      for (const word of (proc.read(`/proc/${pid}/task/${tid}/children`) ?? "").trim().split(/\s+/)) {
        const child = Number(word);
        if (word === "" || !Number.isInteger(child) || seen.has(child)) continue;
        if (found.length >= MAX_TREE_PROCESSES) throw new Error(`Process ${rootPid} has more than ${MAX_TREE_PROCESSES} descendants; the soak measures a wrangler dev tree, which holds a handful.`);
        seen.add(child);
        found.push(child);
        queue.push(child);
      }
    }
  }
  return found;
}

/** VmRSS of /proc/<pid>/status in KB, or undefined when the process is gone or holds no memory of its own. */
export function residentKb(pid, proc = liveProc) {
  const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(proc.read(`/proc/${pid}/status`) ?? "");
  return match === null ? undefined : Number(match[1]);
}

/**
 * The workerd processes under `rootPid` and their summed resident memory:
 * `{ pids, kb }`. Throws a sentence when there is none, since then the
 * server under test is not running.
 */
export function workerdResidentKb(rootPid, proc = liveProc) {
  const pids = [];
  let kb = 0;
  for (const pid of descendants(rootPid, proc)) {
    if (proc.read(`/proc/${pid}/comm`)?.trim() !== WORKERD_NAME) continue;
    const rss = residentKb(pid, proc);
    if (rss === undefined) continue;
    pids.push(pid);
    kb += rss;
  }
  if (pids.length === 0) throw new Error(`No ${WORKERD_NAME} process runs under process ${rootPid}; the wrangler dev under test has stopped.`);
  return { pids, kb };
}

/** Clock ticks per second of the CPU times in /proc/<pid>/stat (USER_HZ), 100 on Linux. */
export const CLOCK_TICKS_PER_SECOND = 100;

/** User plus system CPU time of /proc/<pid>/stat in clock ticks, or undefined when the process is gone. */
export function cpuTicks(pid, proc = liveProc) {
  const stat = proc.read(`/proc/${pid}/stat`);
  if (stat === undefined) return undefined;
  // The command name (field 2) is in parentheses and may hold spaces; utime and stime are fields 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const ticks = Number(fields[11]) + Number(fields[12]);
  return Number.isFinite(ticks) ? ticks : undefined;
}

/** The CPU ticks of each workerd process under `rootPid`, pid → ticks. Throws a sentence when there is none, like workerdResidentKb. */
export function workerdCpuTicks(rootPid, proc = liveProc) {
  const ticks = new Map();
  for (const pid of descendants(rootPid, proc)) {
    if (proc.read(`/proc/${pid}/comm`)?.trim() !== WORKERD_NAME) continue;
    const spent = cpuTicks(pid, proc);
    if (spent !== undefined) ticks.set(pid, spent);
  }
  if (ticks.size === 0) throw new Error(`No ${WORKERD_NAME} process runs under process ${rootPid}; the server under test has stopped.`);
  return ticks;
}

/**
 * Milliseconds of CPU that the processes of two workerdCpuTicks readings
 * spent between them. Only processes in both readings count: one that
 * started or ended in between (wrangler restarting a Worker) is left out,
 * so a restart never makes the figure negative.
 */
export function cpuMsBetween(before, after) {
  let ticks = 0;
  for (const [pid, spent] of after) {
    if (before.has(pid)) ticks += Math.max(0, spent - before.get(pid));
  }
  return (ticks * 1000) / CLOCK_TICKS_PER_SECOND;
}
