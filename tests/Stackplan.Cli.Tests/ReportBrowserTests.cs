using Microsoft.Playwright;

namespace Stackplan.Cli.Tests;

/// <summary>
/// Opens each example's HTML report in Debian's headless Chromium (apt-get install chromium; .ci/run
/// installs it) through Playwright, never Playwright's own browser download. Skipped only outside CI
/// when Chromium is missing; with CI=true a missing browser fails the test.
/// </summary>
public sealed class ReportBrowserTests
{
    private const string Chromium = "/usr/bin/chromium";

    public static TheoryData<string> Examples() => [.. GoldenTests.ExampleNames];

    private static string ScreenshotFolder { get; } = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "report-screenshots")).FullName;

    private static async Task<IBrowser> Launch(IPlaywright playwright) =>
        await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });

    private static void RequireChromium()
    {
        var inCi = Environment.GetEnvironmentVariable("CI") == "true";
        if (!File.Exists(Chromium) && inCi)
        {
            throw new InvalidOperationException($"CI=true but {Chromium} is missing: .ci/run must apt-get install chromium before the tests");
        }

        Skip.IfNot(File.Exists(Chromium), $"{Chromium} is not installed (apt-get install chromium); the browser test runs in CI");
    }

    [SkippableTheory]
    [MemberData(nameof(Examples))]
    public async Task Each_example_report_renders_in_chromium_with_every_chart_drawn(string example)
    {
        RequireChromium();
        var (exit, html, stderr) = CliRunner.Run("report", $"examples/{example}/platform.yaml", "--format", "html");
        exit.ShouldBe(0, stderr);
        var file = Path.Combine(ScreenshotFolder, example + ".html");
        await File.WriteAllTextAsync(file, html);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Launch(playwright);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1100, Height = 900 }, JavaScriptEnabled = false });
        var problems = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                problems.Add($"console {message.Type}: {message.Text}");
            }
        };
        page.PageError += (_, error) => problems.Add("page error: " + error);
        page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith("file:", StringComparison.Ordinal))
            {
                problems.Add("network request: " + request.Url);
            }
        };

        await page.GotoAsync(new Uri(file).AbsoluteUri);

        var figures = page.Locator("figure.chart svg");
        var expected = html.Split("<figure class=\"chart\"").Length - 1;
        expected.ShouldBeGreaterThanOrEqualTo(2);
        (await figures.CountAsync()).ShouldBe(expected);
        for (var i = 0; i < expected; i++)
        {
            var box = await figures.Nth(i).BoundingBoxAsync();
            box.ShouldNotBeNull($"chart {i + 1} of {example} has no box");
            box.Width.ShouldBeGreaterThan(100);
            box.Height.ShouldBeGreaterThan(50);
            (await figures.Nth(i).Locator(":scope > title").CountAsync()).ShouldBe(1);
            (await figures.Nth(i).Locator(":scope > desc").CountAsync()).ShouldBe(1);
        }

        (await page.Locator("main > section > h2").CountAsync()).ShouldBeGreaterThanOrEqualTo(9);
        (await page.Locator("table > caption").CountAsync()).ShouldBe(await page.Locator("table").CountAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, example + ".png"), FullPage = true });

        // On a phone the page itself does not scroll sideways: wide tables scroll inside their box.
        await page.SetViewportSizeAsync(390, 844);
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        overflow.ShouldBeLessThanOrEqualTo(0, $"{example} scrolls sideways on a phone");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, example + "-phone.png") });

        problems.ShouldBeEmpty();
    }
}
