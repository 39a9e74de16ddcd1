// A classic-BPF seccomp program for bwrap --seccomp FD: ioctl(TIOCSTI) and ioctl(TIOCLINUX) fail with EPERM,
// so nothing in the sandbox can push keystrokes into a terminal's input queue. The pty already separates the
// operator's terminal from the session; this closes the same door for any tty the session can still open.
// Every architecture the kernel may report for this process is checked; an unknown one is denied outright.

const BPF_LD_W_ABS = 0x20;
const BPF_JEQ_K = 0x15;
const BPF_JGE_K = 0x35;
const BPF_RET_K = 0x06;
const RET_ALLOW = 0x7fff0000;
const RET_EPERM = 0x00050000 | 1;
const RET_KILL = 0x80000000; // SECCOMP_RET_KILL_PROCESS
const X32_SYSCALL_BIT = 0x40000000;
export const TIOCSTI = 0x5412;
export const TIOCLINUX = 0x541c;

interface ArchIoctl {
  audit: number;
  ioctl: number;
  /** x86_64 also accepts x32 syscalls (nr | 0x40000000); they are refused wholesale. */
  denyFrom?: number;
}

const ARCHES: Record<string, ArchIoctl[]> = {
  x64: [{ audit: 0xc000003e, ioctl: 16, denyFrom: X32_SYSCALL_BIT }, { audit: 0x40000003, ioctl: 54 }],
  arm64: [{ audit: 0xc00000b7, ioctl: 29 }, { audit: 0x40000028, ioctl: 54 }],
};

type Insn = [code: number, jt: number | string, jf: number | string, k: number] | string;

/** The program as instructions with symbolic jump labels ("label" strings mark positions). */
export function ttyInjectionProgram(arch: string = process.arch): Insn[] {
  const entries = ARCHES[arch];
  if (!entries) throw new Error(`no seccomp program for architecture ${arch}`);
  const prog: Insn[] = [[BPF_LD_W_ABS, 0, 0, 4]];
  entries.forEach((entry, index) => prog.push([BPF_JEQ_K, `arch${index}`, index + 1 < entries.length ? 0 : "kill", entry.audit]));
  entries.forEach((entry, index) => {
    prog.push(`arch${index}`, [BPF_LD_W_ABS, 0, 0, 0]);
    if (entry.denyFrom !== undefined) prog.push([BPF_JGE_K, "deny", 0, entry.denyFrom]);
    prog.push([BPF_JEQ_K, "request", "allow", entry.ioctl]);
  });
  // args[1] (the request) low word: the kernel compares the command as an unsigned int.
  prog.push("request", [BPF_LD_W_ABS, 0, 0, 24], [BPF_JEQ_K, "deny", 0, TIOCSTI], [BPF_JEQ_K, "deny", "allow", TIOCLINUX]);
  prog.push("allow", [BPF_RET_K, 0, 0, RET_ALLOW], "deny", [BPF_RET_K, 0, 0, RET_EPERM], "kill", [BPF_RET_K, 0, 0, RET_KILL]);
  return prog;
}

/** Resolves labels and encodes struct sock_filter[] (u16 code, u8 jt, u8 jf, u32 k; host byte order). */
export function assemble(program: Insn[]): Buffer {
  const labels = new Map<string, number>();
  const code: Exclude<Insn, string>[] = [];
  for (const insn of program) {
    if (typeof insn === "string") labels.set(insn, code.length);
    else code.push(insn);
  }
  const out = Buffer.alloc(code.length * 8);
  code.forEach(([op, jt, jf, k], index) => {
    const offset = (target: number | string): number => {
      if (typeof target === "number") return target;
      const at = labels.get(target);
      if (at === undefined || at <= index || at - index - 1 > 255) throw new Error(`bad seccomp jump to ${target}`);
      return at - index - 1;
    };
    out.writeUInt16LE(op, index * 8);
    out.writeUInt8(offset(jt), index * 8 + 2);
    out.writeUInt8(offset(jf), index * 8 + 3);
    out.writeUInt32LE(k >>> 0, index * 8 + 4);
  });
  return out;
}

export function ttyInjectionFilter(arch: string = process.arch): Buffer {
  return assemble(ttyInjectionProgram(arch));
}
