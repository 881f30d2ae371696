#!/usr/bin/env python3
"""Builds data/prices/aws-curated.csv from ../shared/reference/prices.csv.

The reference file holds one cited row per price; the curated book gives each price a stable
key, splits tiered rates into bands and marks account-wide free tiers. Run it again when the
reference changes:  python3 tools/convert-reference-prices.py ../shared/reference/prices.csv
"""
import csv
import sys

# (service, item prefix) -> (key, unit, tier_start, tier_end, free_tier)
MAP = [
    ("AmazonEKS", "Cluster control plane (standard", "eks/cluster/standard", "hour", "0", "", False),
    ("AmazonEKS", "Cluster control plane (extended", "eks/cluster/extended", "hour", "0", "", False),
    ("AmazonEC2", "NAT gateway data", "ec2/nat-gateway/data", "GB", "0", "", False),
    ("AmazonEC2", "NAT gateway", "ec2/nat-gateway/hour", "hour", "0", "", False),
    ("AmazonEC2", "EBS gp2 storage", "ec2/ebs/gp2", "GB-month", "0", "", False),
    ("AmazonEC2", "EBS gp3 storage", "ec2/ebs/gp3", "GB-month", "0", "", False),
    ("AmazonEC2", "EBS gp3 provisioned IOPS", "ec2/ebs/gp3-iops", "IOPS-month", "0", "", False),
    ("AmazonEC2", "EBS gp3 provisioned throughput", "ec2/ebs/gp3-throughput", "MiBps-month", "0", "", False),
    ("AmazonEC2", "EBS snapshot storage", "ec2/ebs/snapshot", "GB-month", "0", "", False),
    ("AmazonEC2", "EBS fast snapshot restore", "ec2/ebs/fast-snapshot-restore", "DSU-hour", "0", "", False),
    # Only the first S3 tier is cited; it is applied to every GB (an over-estimate above 50 TB) rather than leave later GBs unpriced.
    ("AmazonS3", "S3 Standard storage", "s3/standard-storage", "GB-month", "0", "", False),
    ("AmazonCloudWatch", "Logs ingestion", "cloudwatch/logs/ingestion", "GB", "0", "", False),
    ("AmazonCloudWatch", "Logs archival storage", "cloudwatch/logs/storage", "GB-month", "0", "", False),
    ("AmazonCloudWatch", "Logs Insights", "cloudwatch/logs/insights-scanned", "GB", "0", "", False),
    ("AmazonCloudWatch", "Custom metrics tier 1", "cloudwatch/metrics/custom", "metric-month", "0", "10000", False),
    ("AmazonCloudWatch", "Custom metrics tier 2", "cloudwatch/metrics/custom", "metric-month", "10000", "250000", False),
    ("AmazonCloudWatch", "Custom metrics tier 3", "cloudwatch/metrics/custom", "metric-month", "250000", "1000000", False),
    ("AmazonCloudWatch", "Custom metrics tier 4", "cloudwatch/metrics/custom", "metric-month", "1000000", "", False),
    ("AmazonCloudWatch", "Metrics API requests", "cloudwatch/metrics/api-requests", "1000 requests", "0", "", False),
    ("AmazonCloudWatch", "Dashboard", "cloudwatch/dashboard", "dashboard-month", "0", "", False),
    ("AmazonCloudWatch", "Alarm standard", "cloudwatch/alarm/standard", "alarm-month", "0", "", False),
    ("AmazonCloudWatch", "Alarm high", "cloudwatch/alarm/high-resolution", "alarm-month", "0", "", False),
    ("AWSXRay", "Traces recorded", "xray/traces-recorded", "trace", "100000", "", False),
    ("AWSXRay", "Traces retrieved", "xray/traces-scanned", "trace", "1000000", "", False),
    ("AWSXRay", "X-Ray Insights", "xray/insights", "trace", "0", "", False),
    ("AmazonPrometheus", "Metric samples ingested tier 1", "amp/samples-ingested", "10M samples", "4", "200", False),
    ("AmazonPrometheus", "Metric samples ingested tier 2", "amp/samples-ingested", "10M samples", "200", "25200", False),
    ("AmazonPrometheus", "Metric samples ingested tier 3", "amp/samples-ingested", "10M samples", "25200", "", False),
    ("AmazonPrometheus", "Metric storage", "amp/storage", "GB-month", "10", "", False),
    ("AmazonPrometheus", "Query samples", "amp/query-samples", "1B samples", "0", "", False),
    ("AmazonPrometheus", "Managed collector", "amp/collector", "hour", "0", "", False),
    ("AmazonGrafana", "Editor", "grafana/editor-user", "user-month", "0", "", False),
    ("AmazonGrafana", "Viewer", "grafana/viewer-user", "user-month", "0", "", False),
    ("AWSSecretsManager", "Secret", "secretsmanager/secret", "secret-month", "0", "", False),
    ("AWSSecretsManager", "API requests", "secretsmanager/api-requests", "10k requests", "0", "", False),
    ("awskms", "Customer managed key", "kms/customer-key", "key-month", "0", "", False),
    ("awskms", "Symmetric requests", "kms/requests", "10k requests", "0", "", False),
    ("AmazonECR", "Storage", "ecr/storage", "GB-month", "0", "", False),
    ("AmazonDocDB", "db.t3.medium", "docdb/instance/db.t3.medium", "hour", "0", "", False),
    ("AmazonDocDB", "Storage", "docdb/storage", "GB-month", "0", "", False),
    ("AmazonDocDB", "I/O requests", "docdb/io", "1M requests", "0", "", False),
    ("AmazonDocDB", "Backup storage", "docdb/backup-storage", "GB-month", "0", "", False),
    ("AmazonElastiCache", "cache.t3.micro", "elasticache/node/cache.t3.micro", "hour", "0", "", False),
    ("AmazonElastiCache", "cache.t3.small", "elasticache/node/cache.t3.small", "hour", "0", "", False),
    ("AmazonElastiCache", "Backup storage", "elasticache/backup-storage", "GB-month", "0", "", False),
    ("AmazonES", "t3.small.search", "opensearch/instance/t3.small.search", "hour", "0", "", False),
    ("AmazonES", "EBS gp3", "opensearch/ebs/gp3", "GB-month", "0", "", False),
    ("AmazonES", "EBS gp2", "opensearch/ebs/gp2", "GB-month", "0", "", False),
    ("AmazonRDS", "PostgreSQL db.t3.micro Single-AZ", "rds/postgres/db.t3.micro/single-az", "hour", "0", "", False),
    ("AmazonRDS", "PostgreSQL db.t3.micro Multi-AZ", "rds/postgres/db.t3.micro/multi-az", "hour", "0", "", False),
    ("AmazonRDS", "PostgreSQL db.t3.medium Single-AZ", "rds/postgres/db.t3.medium/single-az", "hour", "0", "", False),
    ("AmazonRDS", "PostgreSQL db.t3.medium Multi-AZ", "rds/postgres/db.t3.medium/multi-az", "hour", "0", "", False),
    ("AmazonRDS", "PostgreSQL db.t3.large Single-AZ", "rds/postgres/db.t3.large/single-az", "hour", "0", "", False),
    ("AmazonRDS", "gp2 storage Single-AZ", "rds/storage/gp2/single-az", "GB-month", "0", "", False),
    ("AmazonRDS", "gp2 storage Multi-AZ", "rds/storage/gp2/multi-az", "GB-month", "0", "", False),
    ("AmazonRDS", "gp3 storage Multi-AZ", "rds/storage/gp3/multi-az", "GB-month", "0", "", False),
    ("AWSELB", "Application Load Balancer", "elb/alb/hour", "hour", "0", "", False),
    ("AWSELB", "ALB load balancer capacity unit", "elb/alb/lcu", "LCU-hour", "0", "", False),
    ("AWSELB", "Network Load Balancer", "elb/nlb/hour", "hour", "0", "", False),
    ("AWSELB", "NLB capacity unit", "elb/nlb/nlcu", "NLCU-hour", "0", "", False),
    ("AmazonECS", "Fargate vCPU", "ecs/fargate/vcpu-hour", "vCPU-hour", "0", "", False),
    ("AmazonECS", "Fargate memory", "ecs/fargate/gb-hour", "GB-hour", "0", "", False),
    ("AmazonVPC", "Interface endpoint (per ENI", "vpc/interface-endpoint/hour", "hour", "0", "", False),
    ("AmazonVPC", "Interface endpoint data processed (first", "vpc/interface-endpoint/data", "GB", "0", "1000000", False),
    ("AmazonVPC", "Interface endpoint data processed (next", "vpc/interface-endpoint/data", "GB", "1000000", "5000000", False),
    ("AmazonVPC", "Interface endpoint data processed (over", "vpc/interface-endpoint/data", "GB", "5000000", "", False),
    ("AWSBackup", "EBS backup", "backup/ebs-warm", "GB-month", "0", "", False),
    ("AWSBackup", "EFS backup", "backup/efs-warm", "GB-month", "0", "", False),
    ("AmazonInspectorV2", "EC2 instance scanning", "inspector/ec2-instance", "instance-month", "0", "", False),
    ("AmazonInspectorV2", "ECR image initial", "inspector/ecr-initial-scan", "image", "0", "", False),
    ("AmazonInspectorV2", "ECR continuous rescan", "inspector/ecr-rescan", "rescan", "0", "", False),
    ("AmazonMSK", "kafka.t3.small", "msk/broker/kafka.t3.small", "hour", "0", "", False),
    ("AmazonMSK", "kafka.m5.large", "msk/broker/kafka.m5.large", "hour", "0", "", False),
    ("AmazonMSK", "Broker storage", "msk/storage", "GB-month", "0", "", False),
    ("AmazonMWAA", "Environment Small", "mwaa/environment/small", "hour", "0", "", False),
    ("AmazonMWAA", "Environment Medium", "mwaa/environment/medium", "hour", "0", "", False),
    ("AmazonMWAA", "Environment Large", "mwaa/environment/large", "hour", "0", "", False),
    ("AmazonMWAA", "Additional worker or scheduler Small", "mwaa/worker/small", "hour", "0", "", False),
    ("AmazonMWAA", "Additional worker or scheduler Medium", "mwaa/worker/medium", "hour", "0", "", False),
    ("AmazonMWAA", "Additional worker or scheduler Large", "mwaa/worker/large", "hour", "0", "", False),
    ("AmazonMWAA", "Meta database storage", "mwaa/metadb-storage", "GB-month", "0", "", False),
    ("Azure Virtual Machines", "Standard_D4s_v3", "azure/vm/Standard_D4s_v3", "hour", "0", "", False),
    ("Azure Kubernetes Service", "Cluster management Free", "aks/cluster/free", "hour", "0", "", False),
    ("Azure Kubernetes Service", "Cluster management Standard", "aks/cluster/standard", "hour", "0", "", False),
    ("GCP Compute Engine", "e2-standard-4", "gce/instance/e2-standard-4", "hour", "0", "", False),
    ("Google Kubernetes Engine", "Cluster management fee", "gke/cluster/management", "hour", "0", "", False),
]

# Free bands stated in the cited sources: they apply only when a spec says freeTiers: true.
FREE = {
    "xray/traces-recorded": ("0", "100000", "X-Ray free tier: first 100,000 traces recorded a month"),
    "xray/traces-scanned": ("0", "1000000", "X-Ray free tier: first 1,000,000 traces retrieved or scanned a month"),
    "amp/samples-ingested": ("0", "4", "Managed Prometheus free tier: first 40M samples a month"),
    "amp/storage": ("0", "10", "Managed Prometheus free tier: first 10 GB of storage"),
}

KARPENTER_AS_OF = "2026-07-20"   # the generated table states its date
REFERENCE_AS_OF = "2026-11-21"   # the date the reference file was checked against its sources

def main(path):
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["key", "region", "unit", "tier_start", "tier_end", "usd", "free_tier", "description", "source", "as_of"])
    rows = []
    for r in csv.DictReader(open(path, encoding="utf-8")):
        if float(r["usd"]) < 0:
            continue  # the GKE free-tier credit is a discount, not a price
        match = next((m for m in MAP if m[0] == r["service"] and r["item"].startswith(m[1])), None)
        if match is None:
            if r["service"] == "AmazonEC2" and r["item"].endswith("Linux on-demand"):
                itype = r["item"].split()[0]
                match = (None, None, f"ec2/instance/{itype}", "hour", "0", "", False)
            else:
                raise SystemExit(f"no key for {r['service']} / {r['item']}")
        _, _, key, unit, start, end, _ = match
        as_of = KARPENTER_AS_OF if "karpenter" in r["source"] else REFERENCE_AS_OF
        rows.append([key, r["region"], unit, start, end, r["usd"], "false", f"{r['service']}: {r['item']}", r["source"], as_of])
        if key in FREE and not any(x[0] == key and x[6] == "true" for x in rows):
            s, e, text = FREE[key]
            rows.append([key, r["region"], unit, s, e, "0", "true", text, r["source"], as_of])
    for row in rows:
        out.writerow(row)

main(sys.argv[1])
