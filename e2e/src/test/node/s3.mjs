// A real S3-compatible server for the push tests: s3rver (npm), on 127.0.0.1 and an ephemeral port.
// Usage: node s3.mjs <data-dir> <bucket>. Prints "READY <port>" once it listens; stops on SIGTERM.
// The bucket answers CORS for any origin, as the bucket behind a CDN must for hls.js (docs/s3.md).
import S3rver from 's3rver';

const [dir, bucket] = process.argv.slice(2);
if (!dir || !bucket) {
  console.error('usage: node s3.mjs <data-dir> <bucket>');
  process.exit(2);
}
const cors = `<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod>
<AllowedMethod>HEAD</AllowedMethod><AllowedHeader>*</AllowedHeader><MaxAgeSeconds>60</MaxAgeSeconds></CORSRule></CORSConfiguration>`;
const server = new S3rver({
  address: '127.0.0.1',
  port: 0,
  silent: true,
  directory: dir,
  vhostBuckets: false,
  configureBuckets: [{ name: bucket, configs: [cors] }],
});
const { port } = await server.run();
console.log(`READY ${port}`);
process.on('SIGTERM', async () => {
  await server.close();
  process.exit(0);
});
