import { pino, type Logger } from 'pino';

export type { Logger };

/** JSON logs to stdout (App Service collects them); quiet in tests unless LOG_LEVEL says so. */
export function createLogger(level: string): Logger {
  return pino({ level, base: { app: 'policy-desk' }, redact: ['*.password', '*.appPassword', '*.authorization'] });
}
