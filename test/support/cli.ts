import { run } from "../../src/cli/index.ts";

/**
 * Runs the `dvk` command line in this process with these environment variables (set for the call
 * only; an undefined one is unset), quiet unless a test asks for a log level. What it printed, apart.
 */
export async function runDvk(
  args: string[],
  env: Record<string, string | undefined>,
): Promise<{ code: number; out: string; err: string }> {
  const saved = { ...process.env };
  for (const [k, v] of Object.entries({ LOG_LEVEL: "silent", ...env }))
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  const out: string[] = [];
  const err: string[] = [];
  try {
    const code = await run(args, { out: (t) => out.push(t), err: (t) => err.push(t) });
    return { code, out: out.join("\n"), err: err.join("\n") };
  } finally {
    process.env = saved;
  }
}
