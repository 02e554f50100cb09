namespace McpBridge.TestServer.Conformance;

/// <summary>The small binary payloads the conformance scenarios expect.</summary>
internal static class TestAssets
{
    /// <summary>A 1x1 red PNG pixel.</summary>
    public static ReadOnlyMemory<byte> Png { get; } = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==");

    /// <summary>A minimal WAV file.</summary>
    public static ReadOnlyMemory<byte> Wav { get; } = Convert.FromBase64String(
        "UklGRiYAAABXQVZFZm10IBAAAAABAAEAQB8AAAB9AAACABAAZGF0YQIAAAA=");
}
