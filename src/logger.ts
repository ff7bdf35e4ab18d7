import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

/** JSON logs to stdout (App Service collects them), or to `destination`; quiet in tests unless LOG_LEVEL says so. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = { level, base: { app: 'policy-desk' }, redact: ['*.password', '*.appPassword', '*.authorization'] };
  return destination ? pino(options, destination) : pino(options);
}
