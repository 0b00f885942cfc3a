/**
 * What the deploy asks of BigQuery, over the official client (@google-cloud/bigquery) with its own
 * retries off: tools/sql/retry.ts decides. Reads use datasets.get and tables.get (the live schema
 * at once; INFORMATION_SCHEMA "might not" show a change yet, managing-table-schemas); clustering
 * changes with tables.patch; everything else is a query job in the dataset's location.
 */
import type { BigQuery } from '@google-cloud/bigquery';
import type { TableResource } from './ddl';

export interface DeployClient {
  /** The dataset's location, or null when it does not exist. */
  datasetLocation(dataset: string): Promise<string | null>;
  createDataset(dataset: string, location: string): Promise<void>;
  /** The live table (tables.get), or null when it does not exist. */
  table(dataset: string, table: string): Promise<TableResource | null>;
  setClustering(dataset: string, table: string, fields: string[]): Promise<void>;
  /** Runs one statement as a query job and waits for it; a failed job throws its error. */
  query(sql: string, location: string): Promise<void>;
}

const notFound = (e: unknown): boolean => (e as { code?: number }).code === 404;

export function bigQueryClient(bq: BigQuery): DeployClient {
  return {
    async datasetLocation(dataset) {
      try {
        const [ds] = await bq.dataset(dataset).get();
        return (ds.metadata as { location?: string }).location ?? null;
      } catch (e) {
        if (notFound(e)) return null;
        throw e;
      }
    },
    async createDataset(dataset, location) {
      await bq.createDataset(dataset, { location });
    },
    async table(dataset, table) {
      try {
        const [meta] = await bq.dataset(dataset).table(table).getMetadata();
        return meta as TableResource;
      } catch (e) {
        if (notFound(e)) return null;
        throw e;
      }
    },
    async setClustering(dataset, table, fields) {
      await bq.dataset(dataset).table(table).setMetadata({ clustering: { fields } });
    },
    async query(sql, location) {
      const [job] = await bq.createQueryJob({ query: sql, location, useLegacySql: false });
      await job.getQueryResults();
    },
  };
}
