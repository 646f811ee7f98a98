/** Types of nginx-config.mjs, for the TypeScript tests that check the committed proxy file. */
export function nginxConfig(options: {
  listen: number;
  api: string[];
  live: string[];
  prefix?: string;
  workerProcesses?: string;
  daemonOff?: boolean;
}): string;
