// One `BigQuery` global in front of several stand-ins, one per dataset: several spreadsheets on
// one runtime, each pointing at its own dataset (an agency each), as one Google project would
// hold them. A job goes to the stand-in of the dataset it names (the query's defaultDataset, a
// load's destination table); getQueryResults and get find the stand-in that made the job.
import { apiError } from './errors';
import type { BigQueryStandIn } from './index';

interface JobLike {
  configuration?: { query?: { defaultDataset?: { datasetId?: string } }; load?: { destinationTable?: { datasetId?: string } } };
}

class RoutedJobs {
  static readonly apiName = 'BigQuery.Jobs';
  constructor(private readonly _router: BigQueryRouter) {}

  insert(job: unknown, projectId: unknown, mediaData?: unknown): unknown {
    const c = (job as JobLike | undefined)?.configuration;
    const dataset = c?.query?.defaultDataset?.datasetId ?? c?.load?.destinationTable?.datasetId;
    const standIn = this._router._forDataset('insert', projectId, dataset);
    const out = standIn.service.Jobs.insert(job, projectId, mediaData) as { jobReference?: { jobId?: string } };
    this._router._remember(out.jobReference?.jobId, standIn);
    return out;
  }

  query(request: unknown, projectId: unknown): unknown {
    const dataset = (request as { defaultDataset?: { datasetId?: string } } | undefined)?.defaultDataset?.datasetId;
    const standIn = this._router._forDataset('query', projectId, dataset);
    const out = standIn.service.Jobs.query(request, projectId) as { jobReference?: { jobId?: string } };
    this._router._remember(out.jobReference?.jobId, standIn);
    return out;
  }

  getQueryResults(projectId: unknown, jobId: unknown, optionalArgs?: unknown): unknown {
    return this._router._forJob('getQueryResults', projectId, jobId).service.Jobs.getQueryResults(projectId, jobId, optionalArgs);
  }

  get(projectId: unknown, jobId: unknown, optionalArgs?: unknown): unknown {
    return this._router._forJob('get', projectId, jobId).service.Jobs.get(projectId, jobId, optionalArgs);
  }
}

export class BigQueryRouter {
  static readonly apiName = 'BigQuery';
  readonly Jobs: RoutedJobs;
  private readonly _jobs = new Map<string, BigQueryStandIn>();

  /** `byDataset`: the dataset each stand-in answers for (create each with its `dataset` and a distinct `jobIdPrefix`). */
  constructor(private readonly _byDataset: Readonly<Record<string, BigQueryStandIn>>) {
    this.Jobs = new RoutedJobs(this);
  }

  _forDataset(method: 'insert' | 'query', projectId: unknown, dataset: string | undefined): BigQueryStandIn {
    const standIn = dataset === undefined ? undefined : this._byDataset[dataset];
    if (!standIn) throw apiError(method, 'notFound', `Not found: Dataset ${String(projectId)}:${dataset ?? '(none given)'}`);
    return standIn;
  }

  _forJob(method: 'get' | 'getQueryResults', projectId: unknown, jobId: unknown): BigQueryStandIn {
    const standIn = this._jobs.get(String(jobId));
    if (!standIn) throw apiError(method, 'notFound', `Not found: Job ${String(projectId)}:${String(jobId)}`);
    return standIn;
  }

  _remember(jobId: string | undefined, standIn: BigQueryStandIn): void {
    if (jobId) this._jobs.set(jobId, standIn);
  }
}
