import type { AnyRequestKind } from '../domain/requests/request-kind.js';
import { passwordSharing } from './password-sharing/kind.js';
import { personalDevice } from './personal-device/kind.js';
import { softwareInstall } from './software-install/kind.js';
import { dataOffSite } from './data-off-site/kind.js';
import { connectDevice } from './connect-device/kind.js';
import { systemAccess } from './system-access/kind.js';
import { messagingApp } from './messaging-app/kind.js';

/** Every request kind, in the order staff see them. Adding a kind is a folder and a line here. */
export const KINDS: readonly AnyRequestKind[] = [
  softwareInstall,
  passwordSharing,
  personalDevice,
  dataOffSite,
  connectDevice,
  systemAccess,
  messagingApp,
];
