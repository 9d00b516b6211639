namespace F2.Tests.Protocol.Vectors;

/// <summary>
/// Where the test vectors live: <c>../shared/vectors</c> from the repository root (the folder holding
/// <c>F2.sln</c>), or <c>$F2_SHARED_DIR/vectors</c>; plus the folder named by <c>F2_EXTRA_VECTORS</c> when set.
/// Each kind of vector has its own subfolder and extra variable (<see cref="PrivacyFolder"/>, <see cref="PrivacyExtraVariable"/>).
/// </summary>
internal static class VectorFolders
{
    public const string ExtraVariable = "F2_EXTRA_VECTORS";

    /// <summary>The reader-privacy vectors (<c>../shared/spec/f2-privacy.md</c>): a subfolder of <see cref="Shared"/>.</summary>
    public const string PrivacyFolder = "reader-privacy";

    public const string PrivacyExtraVariable = "F2_EXTRA_PRIVACY_VECTORS";

    public static string Shared
    {
        get
        {
            string? shared = Environment.GetEnvironmentVariable("F2_SHARED_DIR");
            if (string.IsNullOrEmpty(shared))
            {
                shared = Path.Combine(FindRepositoryRoot(), "..", "shared");
            }

            return Path.GetFullPath(Path.Combine(shared, "vectors"));
        }
    }

    public static string? Extra => Folder(ExtraVariable);

    public static string? PrivacyExtra => Folder(PrivacyExtraVariable);

    /// <summary>Every <c>*.jsonl</c> file of the shared folder and of the extra folder, in a stable order.</summary>
    public static IEnumerable<string> VectorFiles() => FilesOf(Shared, Extra);

    /// <summary>Every <c>*.jsonl</c> file of <c>reader-privacy</c> and of <c>F2_EXTRA_PRIVACY_VECTORS</c>, in a stable order.</summary>
    public static IEnumerable<string> PrivacyFiles() => FilesOf(Path.Combine(Shared, PrivacyFolder), PrivacyExtra);

    private static string? Folder(string variable) => Environment.GetEnvironmentVariable(variable) is { Length: > 0 } folder
        ? Path.GetFullPath(folder)
        : null;

    private static IEnumerable<string> FilesOf(params string?[] folders)
    {
        foreach (string? folder in folders)
        {
            if (folder is null || !Directory.Exists(folder))
            {
                continue;
            }

            foreach (string file in Directory.GetFiles(folder, "*.jsonl").Order(StringComparer.Ordinal))
            {
                yield return file;
            }
        }
    }

    private static string FindRepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "F2.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No F2.sln above {AppContext.BaseDirectory}; set F2_SHARED_DIR.");
    }
}
