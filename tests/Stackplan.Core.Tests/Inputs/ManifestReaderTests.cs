using Stackplan.Core.Inputs.Kubernetes;
using Stackplan.Core.Model;

namespace Stackplan.Core.Tests.Inputs;

public sealed class ManifestReaderTests
{
    private const string Shop = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: checkout, namespace: shop}
        spec:
          replicas: 3
          template:
            spec:
              initContainers:
                - {name: migrate, image: app:1, resources: {requests: {cpu: "1", memory: 512Mi}}}
              containers:
                - {name: app, image: app:1, resources: {requests: {cpu: 250m, memory: 256Mi}, limits: {memory: 512Mi}}}
                - {name: proxy, image: envoy:1, resources: {requests: {cpu: 50m, memory: 64Mi}}}
        ---
        # Source: shop/templates/hpa.yaml
        apiVersion: autoscaling/v2
        kind: HorizontalPodAutoscaler
        metadata: {name: checkout, namespace: shop}
        spec:
          scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: checkout}
          minReplicas: 2
          maxReplicas: 10
        ---
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: cache, namespace: shop}
        spec:
          replicas: 3
          serviceName: cache
          template:
            spec:
              containers:
                - {name: redis, image: redis:7, resources: {requests: {cpu: 100m, memory: 1Gi}}}
          volumeClaimTemplates:
            - metadata: {name: data}
              spec: {accessModes: [ReadWriteOnce], storageClassName: gp3, resources: {requests: {storage: 10Gi}}}
        ---
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: nightly-report, namespace: shop}
        spec:
          schedule: "0 2 * * *"
          jobTemplate:
            spec:
              parallelism: 2
              completions: 4
              activeDeadlineSeconds: 3600
              template:
                spec:
                  restartPolicy: OnFailure
                  containers:
                    - {name: report, image: rep:1, resources: {requests: {cpu: "2", memory: 4Gi}}}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: checkout, namespace: shop}
        spec: {ports: [{port: 80}]}
        """;

    private static ManifestWorkload Named(ManifestSet set, string name) => set.Workloads.Single(w => w.Name == name);

    [Theory]
    [InlineData("kind: Deployment\nmetadata", "kind: Deploymnet\nmetadata", 2, 7, "did you mean 'Deployment'?")]
    [InlineData("maxReplicas: 10", "maxReplicas: 1", 20, 16, null)]
    [InlineData("cpu: 250m,", "cpu: 250 m,", 11, 65, null)]
    [InlineData("memory: 256Mi}", "memory: 2 Gi}", 11, 79, null)]
    public void What_the_API_server_would_refuse_is_an_error_at_its_place_not_a_workload_dropped_or_guessed(string from, string to, int line, int column, string? hint)
    {
        var error = Should.Throw<InputException>(() => ManifestReader.Read([new SourceText("shop.yaml", Shop.Replace(from, to, StringComparison.Ordinal))]));

        var d = error.Diagnostics.ShouldHaveSingleItem();
        d.Location.ShouldBe(new SourceLocation("shop.yaml", line, column));
        d.Hint.ShouldBe(hint);
    }

    [Fact]
    public void A_kind_that_is_no_misspelt_workload_is_skipped_as_before()
    {
        ManifestReader.Read([new SourceText("shop.yaml", Shop.Replace("kind: StatefulSet", "kind: Certificate", StringComparison.Ordinal))])
            .Workloads.Select(w => w.Name).ShouldNotContain("cache");
    }

    [Fact]
    public void An_init_container_larger_than_the_app_containers_sets_the_effective_request()
    {
        // max(250m + 50m, 1) CPU and max(256Mi + 64Mi, 512Mi) memory (kubernetes.io, effective pod requests).
        var checkout = Named(ManifestReader.Read([new SourceText("shop.yaml", Shop)]), "checkout");
        checkout.CpuMillis.ShouldBe(1000m);
        checkout.MemoryMiB.ShouldBe(512m);
        checkout.Namespace.ShouldBe("shop");
    }

    [Fact]
    public void Sidecar_init_containers_add_to_the_app_containers_and_to_later_init_containers()
    {
        const string Pod = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec:
              template:
                spec:
                  initContainers:
                    - {name: mesh, restartPolicy: Always, resources: {requests: {cpu: 100m, memory: 128Mi}}}
                    - {name: migrate, resources: {requests: {cpu: 500m, memory: 256Mi}}}
                  containers:
                    - {name: web, resources: {requests: {cpu: 300m, memory: 512Mi}}}
            """;

        // CPU: max(300m + 100m, 500m + 100m) = 600m; memory: max(512 + 128, 256 + 128) = 640Mi.
        var web = ManifestReader.Read([new SourceText("web.yaml", Pod)]).Workloads.Single();
        web.CpuMillis.ShouldBe(600m);
        web.MemoryMiB.ShouldBe(640m);
        web.MinReplicas.ShouldBe(1); // spec.replicas omitted: the API default
        web.Namespace.ShouldBe("default");
    }

    [Fact]
    public void An_autoscaler_makes_its_target_a_replica_range_and_a_statefulset_claims_storage_per_replica()
    {
        var set = ManifestReader.Read([new SourceText("shop.yaml", Shop)]);
        var checkout = Named(set, "checkout");
        (checkout.MinReplicas, checkout.MaxReplicas).ShouldBe((2, 10));
        Named(set, "cache").Volumes.ShouldBe([("gp3", 10m)]);
        set.Workloads.Select(w => w.Kind).ShouldBe(["Deployment", "StatefulSet", "CronJob"]);
    }

    [Fact]
    public void A_cronjob_runs_its_schedule_times_its_waves_for_its_deadline()
    {
        // "0 2 * * *" = 30.4167 runs a month x 2 waves (4 completions / 2 in parallel) x 0.5 h = 30.42 h, 2 pods at a time.
        var report = Named(ManifestReader.Read([new SourceText("shop.yaml", Shop)]), "nightly-report");
        report.WorkloadKind.ShouldBe(WorkloadKind.Job);
        report.MinReplicas.ShouldBe(2);
        report.RunHoursPerMonth!.Value.Expected.ShouldBe(30.4167m, 0.0001m);
    }

    [Theory]
    [InlineData("*/15 * * * *", 2920)]
    [InlineData("0 3 * * 1", 4.3452)]
    [InlineData("0 0 1,15 * *", 2)]
    [InlineData("@hourly", 730)]
    public void Cron_schedules_are_counted_per_month(string schedule, decimal runs) =>
        ManifestReader.RunsPerMonth(schedule)!.Value.ShouldBe(runs, 0.001m);

    [Fact]
    public void A_container_without_requests_is_a_coded_warning_with_the_assumption()
    {
        var set = ManifestReader.Read([new SourceText("bare.yaml", "kind: Deployment\nmetadata: {name: bare}\nspec:\n  template:\n    spec:\n      containers:\n        - {name: bare, image: nginx}\n")]);
        set.Workloads.Single().CpuMillis.ShouldBe(0m);
        var warning = set.Warnings.Single();
        warning.Code.ShouldBe(DiagnosticCodes.ManifestAssumption);
        warning.Location!.ToString().ShouldBe("bare.yaml:7:11");
        warning.Message.ShouldContain("BestEffort");
    }

    [Fact]
    public void A_malformed_manifest_in_a_later_document_is_refused_at_its_file_line()
    {
        var text = Shop + "\n---\nkind: Deployment\nmetadata: {name: broken\n";
        var e = Should.Throw<InputException>(() => ManifestReader.Read([new SourceText("shop.yaml", text)]));
        e.Diagnostics[0].Location!.File.ShouldBe("shop.yaml");
        e.Diagnostics[0].Location!.Line.ShouldBeGreaterThan(Shop.Split('\n').Length, "the broken document starts after the good ones");
    }
}
