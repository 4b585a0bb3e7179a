// The resident memory of the workerd processes under one process (Linux
// /proc): `npm run bench:soak` reads it for the `wrangler dev` it started,
// whose workerd runs the Worker under test. The walk takes a /proc reader,
// so it can be tested against a fake tree.
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
