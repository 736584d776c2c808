// The JVM command line a tracker pod gets from the Helm chart, for benchmarks that must measure what
// production runs: the image's JDK_JAVA_OPTIONS (p2p-tracker/src/main/docker/Dockerfile.jvm) under the
// chart's memory limit for the tracker (helm/streamhub/values.yaml, tracker.resources.limits.memory).
// A pod's cgroup limit is what MaxRAMPercentage and InitialRAMPercentage are percentages of; outside a
// container -XX:MaxRAM=<limit> stands in for it. Both are read from the files, so a change to either is
// measured as it ships; the bench prints the result.
import { readFileSync } from 'node:fs'
import path from 'node:path'

export function chartJvmOptions (root) {
  const dockerfile = readFileSync(path.join(root, 'p2p-tracker/src/main/docker/Dockerfile.jvm'), 'utf8')
  const opts = /JDK_JAVA_OPTIONS="([^"]+)"/.exec(dockerfile)
  if (!opts) throw new Error('no JDK_JAVA_OPTIONS in p2p-tracker/src/main/docker/Dockerfile.jvm')
  const values = readFileSync(path.join(root, 'helm/streamhub/values.yaml'), 'utf8')
  // The tracker's block runs from its top-level key to the next top-level key.
  const block = /^tracker:\n((?:[ #].*\n|\n)*)/m.exec(values)
  const limit = block && /^ {2}resources:\n(?: {4}.*\n)*? {4}limits: \{[^}]*memory: (\d+)(Mi|Gi)[^}]*\}/m.exec(block[1])
  if (!limit) throw new Error('no tracker.resources.limits.memory in helm/streamhub/values.yaml')
  const mib = Number(limit[1]) * (limit[2] === 'Gi' ? 1024 : 1)
  return { options: [`-XX:MaxRAM=${mib}m`, ...opts[1].split(/\s+/).filter(Boolean)], limitMiB: mib }
}
