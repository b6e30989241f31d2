/** Real y-websocket clients for tests against a running server (shared with the sync service's own tests). */
export {
  type Credentials,
  isSyncStep1,
  RawClient,
  TestClient,
  until,
  upgradeStatus,
} from '../../../apps/sync-server/src/sync/test-client.ts';
