import { GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import type { Readable } from 'node:stream';

export interface S3Location {
  bucket: string;
  key: string;
}

export interface S3Settings {
  endpoint?: string;
  region?: string;
  forcePathStyle?: boolean;
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

let client: S3Client | undefined;
let overrides: S3Settings = {};

export function isS3Url(path: string): boolean {
  return path.startsWith('s3://');
}

export function parseS3Url(url: string): S3Location {
  const match = /^s3:\/\/([^/]+)\/?(.*)$/.exec(url);
  if (!match) throw new Error(`not an s3:// URL: ${url}`);
  return { bucket: match[1], key: match[2] };
}

/**
 * Overrides the settings taken from the environment (AWS_ENDPOINT_URL_S3 / AWS_ENDPOINT_URL,
 * AWS_REGION, the SDK's usual credential chain). Applies to this thread only: worker threads read
 * the environment, so prefer environment variables when running with --workers.
 */
export function configureS3(settings: S3Settings): void {
  overrides = settings;
  client?.destroy();
  client = undefined;
}

export function s3Client(): S3Client {
  if (client) return client;
  const endpoint = overrides.endpoint ?? process.env.AWS_ENDPOINT_URL_S3 ?? process.env.AWS_ENDPOINT_URL;
  client = new S3Client({
    region: overrides.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1',
    ...(endpoint ? { endpoint } : {}),
    // Custom endpoints (MinIO, Ceph, s3rver) rarely serve virtual-hosted bucket names.
    forcePathStyle: overrides.forcePathStyle ?? endpoint !== undefined,
    ...(overrides.credentials ? { credentials: overrides.credentials } : {}),
  });
  return client;
}

export interface S3Object {
  url: string;
  size?: number;
}

/** Every object under `s3://bucket/prefix`, in key order. */
export async function listS3Objects(url: string): Promise<S3Object[]> {
  const { bucket, key: prefix } = parseS3Url(url);
  const objects: S3Object[] = [];
  let continuationToken: string | undefined;
  do {
    const page = await s3Client().send(
      new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: continuationToken }),
    );
    for (const entry of page.Contents ?? []) {
      if (entry.Key === undefined || entry.Key.endsWith('/')) continue;
      objects.push({ url: `s3://${bucket}/${entry.Key}`, size: entry.Size });
    }
    continuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (continuationToken);
  return objects;
}

/** Streams an object; `range` is an inclusive byte range. */
export async function getS3Object(url: string, range?: [number, number]): Promise<{ body: Readable }> {
  const { bucket, key } = parseS3Url(url);
  const response = await s3Client().send(
    new GetObjectCommand({ Bucket: bucket, Key: key, ...(range ? { Range: `bytes=${range[0]}-${range[1]}` } : {}) }),
  );
  return { body: response.Body as Readable };
}

export async function s3ObjectSize(url: string): Promise<number> {
  const { bucket, key } = parseS3Url(url);
  const head = await s3Client().send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
  return head.ContentLength ?? 0;
}
