namespace McpBridge.TestServer.Faults;

/// <summary>The misbehaviours a test can ask the server for with <c>--fault NAME</c>.</summary>
internal enum FaultMode
{
    /// <summary>No fault: serve the conformance contract.</summary>
    None,

    /// <summary><c>exit-at-start</c>: print a fatal line to stderr and exit with code 3 before reading anything.</summary>
    ExitAtStart,

    /// <summary><c>crash-on-call</c>: serve normally; the tool <c>crash</c> kills the process (code 70) mid-call.</summary>
    CrashOnCall,

    /// <summary><c>hang</c>: serve normally; the tool <c>hang</c> never answers until cancelled.</summary>
    Hang,

    /// <summary><c>garbage-stdout</c>: serve normally, with non-JSON lines between the JSON-RPC lines on stdout.</summary>
    GarbageStdout,
}
