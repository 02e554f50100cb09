namespace McpBridge.Chat.Hosting;

/// <summary>
/// <c>McpBridge.Chat probe [URL]</c>: exits 0 when the chat answers <c>/healthz</c>. It is the container's
/// HEALTHCHECK, since the ASP.NET runtime image has no curl or wget.
/// </summary>
internal static class HealthProbe
{
    private const string DefaultUrl = "http://127.0.0.1:3000/healthz";

    public static bool IsProbe(string[] args) => args is ["probe", ..];

    public static async Task<int> RunAsync(string[] args)
    {
        var url = args.Length > 1 ? args[1] : DefaultUrl;
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            using var response = await http.GetAsync(new Uri(url));
            Console.WriteLine($"{url}: {(int)response.StatusCode}");
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            Console.Error.WriteLine($"{url}: {ex.Message}");
            return 1;
        }
    }
}
