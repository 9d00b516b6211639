namespace F2.AppHost.Infrastructure;

/// <summary>Finds a program the way a shell would: an absolute path as is, a bare name on PATH.</summary>
internal static class ExecutableSearch
{
    public static string? Find(string program)
    {
        if (Path.IsPathRooted(program))
        {
            return File.Exists(program) ? program : null;
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, program))
            .FirstOrDefault(File.Exists);
    }
}
