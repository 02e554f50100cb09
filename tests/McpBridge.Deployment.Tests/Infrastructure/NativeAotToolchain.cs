namespace McpBridge.Deployment.Tests.Infrastructure;

/// <summary>What a Native AOT publish needs besides the .NET SDK: a C compiler driver to link with.</summary>
internal static class NativeAotToolchain
{
    /// <summary>Why a Native AOT publish cannot link on this machine, or null when it can (clang, or gcc when clang is missing).</summary>
    public static string? Missing { get; } = Tool.Find("clang") is null && Tool.Find("gcc") is null
        ? "Native AOT links with clang or gcc and neither is on PATH: apt-get install -y gcc libc6-dev (make test installs them)."
        : null;
}
