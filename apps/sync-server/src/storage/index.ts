import type { AccessDirectory } from '../ports.ts';
import { openDatabase } from './database.ts';
import { createDirectory } from './directory.ts';
import { createKyselyRepository } from './kysely/index.ts';
import type { Repository } from './repository.ts';
import { SqliteDocStore } from './sqlite-doc-store.ts';

export type { Repository } from './repository.ts';
export { SqliteDocStore } from './sqlite-doc-store.ts';

export type Storage = {
  repo: Repository;
  docs: SqliteDocStore;
  directory: AccessDirectory;
  file: string;
  /** Closes the database; the stores share it. */
  close(): Promise<void>;
};

/** Opens the data directory's database, migrated to the latest schema. */
export const openStorage = async (dataDir: string): Promise<Storage> => {
  const { db, file } = await openDatabase(dataDir);
  const repo = createKyselyRepository(db);
  return {
    repo,
    docs: new SqliteDocStore(db),
    directory: createDirectory(repo),
    file,
    close: () => db.destroy(),
  };
};
