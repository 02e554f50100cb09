namespace McpBridge.Gateway.CommandLine;

/// <summary>
/// The <c>--config</c> file as a configuration source that follows the file: when it changes, its servers are read again
/// (<see cref="McpServersFile"/>). A file that cannot be read at start stops the gateway; one that breaks later keeps
/// the servers it had, and <see cref="LoadError"/> says why, for the reload to report.
/// </summary>
internal sealed class McpServersFileSource(string path) : IConfigurationSource
{
    public string Path { get; } = System.IO.Path.GetFullPath(path);

    public IConfigurationProvider Build(IConfigurationBuilder builder) => new McpServersFileProvider(this);
}

/// <summary>Reads and watches the file of a <see cref="McpServersFileSource"/>.</summary>
internal sealed class McpServersFileProvider : ConfigurationProvider, IDisposable
{
    /// <summary>File systems report one save as several changes: they are taken as one after this quiet time.</summary>
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(250);

    private readonly McpServersFileSource _source;
    private readonly FileSystemWatcher _watch;
    private Timer? _settle;
    private bool _loaded;

    public McpServersFileProvider(McpServersFileSource source)
    {
        _source = source;

        // The file's own folder only, not below it (a file provider would watch a whole tree: a home folder, say).
        _watch = new FileSystemWatcher(System.IO.Path.GetDirectoryName(source.Path)!, System.IO.Path.GetFileName(source.Path))
        {
            IncludeSubdirectories = false,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
        };
        _watch.Changed += (_, _) => OnFileChanged();
        _watch.Created += (_, _) => OnFileChanged();
        _watch.Renamed += (_, _) => OnFileChanged();
        _watch.EnableRaisingEvents = true;
    }

    /// <summary>Why the last read of the file failed; <see langword="null"/> when it succeeded.</summary>
    public string? LoadError { get; private set; }

    public string FilePath => _source.Path;

    public override void Load()
    {
        try
        {
            Data = McpServersFile.Read(_source.Path).ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.OrdinalIgnoreCase);
            LoadError = null;
            _loaded = true;
        }
        catch (InvalidOperationException ex) when (_loaded)
        {
            // The running servers stay; the reload says what is wrong with the file.
            LoadError = ex.Message;
        }
    }

    private void OnFileChanged()
    {
        var timer = new Timer(_ =>
        {
            Load();
            OnReload();
        });
        Interlocked.Exchange(ref _settle, timer)?.Dispose();
        timer.Change(Settle, Timeout.InfiniteTimeSpan);
    }

    public void Dispose()
    {
        _watch.Dispose();
        _settle?.Dispose();
    }
}
