// The deployment tests run shell scripts and Linux builds: they are Linux tests.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
