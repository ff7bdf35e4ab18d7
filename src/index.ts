import { ConfigError, loadConfig } from './config.js';
import { composeBot } from './compose.js';
import { createLogger } from './logger.js';

/** Composition root: config -> bot -> listen, and a graceful stop on SIGTERM/SIGINT. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const bot = await composeBot(config, logger);
  const { port } = await bot.http.listen(config.port, config.host);

  if (config.botCredentials) {
    logger.info({ port, host: config.host }, 'Policy Desk listening; Bot Framework authentication is enforced');
  } else {
    logger.warn(
      { port, host: config.host },
      'Policy Desk listening in LOCAL DEVELOPMENT mode: no Bot Framework credentials, so requests are not authenticated and only loopback is served',
    );
  }
  logger.info(`Messaging endpoint: http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}/api/messages`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping: finishing in-flight turns and flushing storage');
    await bot.stop();
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((err) => {
  // Start-up problems are configuration problems far more often than bugs: say which.
  if (err instanceof ConfigError) {
    console.error(err.message);
  } else {
    console.error(`Policy Desk could not start: ${(err as Error).message}`);
  }
  process.exit(1);
});
