// Which commit a deployment ships, for lead time: the earliest commit time CI reported with a gate
// result for the deployed version (the version's oldest change waited longest), else the commit
// time the change request itself carries; null when neither is known (the deployment then counts
// in the lead-time coverage as unknown).
export interface CommitMark {
  commitTime: Date | null;
  commitSha: string | null;
}

export function deployedCommit(reportedByCi: readonly CommitMark[], cr: CommitMark): CommitMark {
  let earliest: CommitMark | null = null;
  for (const r of reportedByCi) {
    if (r.commitTime && (!earliest?.commitTime || r.commitTime.getTime() < earliest.commitTime.getTime())) earliest = r;
  }
  if (!earliest) return { commitTime: cr.commitTime, commitSha: cr.commitSha };
  return { commitTime: earliest.commitTime, commitSha: earliest.commitSha ?? cr.commitSha };
}
