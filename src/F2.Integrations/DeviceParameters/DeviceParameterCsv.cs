using System.Globalization;
using F2.Protocol;

namespace F2.Integrations.DeviceParameters;

/// <summary>One problem in a device-parameters CSV file, by 1-based line number.</summary>
public readonly record struct DeviceParameterCsvError(int Line, string Message)
{
    public override string ToString() => $"line {Line}: {Message}";
}

/// <summary>The rows of a device-parameters CSV file, or every problem in it (then no rows).</summary>
public sealed record DeviceParameterCsvResult(IReadOnlyList<DeviceParameter> Rows, IReadOnlyList<DeviceParameterCsvError> Errors)
{
    public bool IsValid => Errors.Count == 0;
}

/// <summary>
/// Parses the seed document's <c>device_parameters</c> table as CSV (RFC 4180 quoting, one record per line): a header
/// row naming the columns <c>device_id, connector_mode, component_type, component_id, encoding_type, units</c> and
/// optionally <c>scaling_factor, value_offset, is_signed</c> in any order; an absent column or empty cell takes the
/// spec's default. Blank lines and lines starting with <c>#</c> are skipped. Every bad line is reported; a file
/// with any error yields no rows, so nothing half-loads.
/// </summary>
public static class DeviceParameterCsv
{
    private static readonly string[] RequiredColumns =
        ["device_id", "connector_mode", "component_type", "component_id", "encoding_type", "units"];

    private static readonly string[] OptionalColumns = ["scaling_factor", "value_offset", "is_signed"];

    public static async Task<DeviceParameterCsvResult> ParseFileAsync(string path, CancellationToken cancellationToken = default)
        => Parse(await File.ReadAllTextAsync(path, cancellationToken));

    public static DeviceParameterCsvResult Parse(string text)
    {
        var errors = new List<DeviceParameterCsvError>();
        var rows = new List<DeviceParameter>();
        var firstLineOfKey = new Dictionary<(string, string, string, string), int>();
        Dictionary<string, int>? header = null;
        string[] lines = text.ReplaceLineEndings("\n").Split('\n');
        for (int index = 0; index < lines.Length; index++)
        {
            int lineNumber = index + 1;
            string line = lines[index];
            if (string.IsNullOrWhiteSpace(line) || line.TrimStart().StartsWith('#'))
            {
                continue;
            }

            if (!CsvLine.TrySplit(line, out List<string> cells, out string? splitError))
            {
                errors.Add(new(lineNumber, splitError));
                if (header is null)
                {
                    break;
                }

                continue;
            }

            if (header is null)
            {
                header = ReadHeader(cells, lineNumber, errors);
                if (header is null)
                {
                    break;
                }

                continue;
            }

            if (TryReadRow(header, cells, out DeviceParameter? row, out string? rowError))
            {
                var key = (row.DeviceId, row.ConnectorMode, row.ComponentType, row.ComponentId);
                if (firstLineOfKey.TryGetValue(key, out int firstLine))
                {
                    errors.Add(new(lineNumber, $"duplicates the key of line {firstLine}"));
                }
                else
                {
                    firstLineOfKey.Add(key, lineNumber);
                    rows.Add(row);
                }
            }
            else
            {
                errors.Add(new(lineNumber, rowError));
            }
        }

        if (header is null && errors.Count == 0)
        {
            errors.Add(new(1, "the file has no header row"));
        }

        return errors.Count == 0 ? new(rows, []) : new([], errors);
    }

    private static Dictionary<string, int>? ReadHeader(List<string> cells, int lineNumber, List<DeviceParameterCsvError> errors)
    {
        var header = new Dictionary<string, int>(StringComparer.Ordinal);
        var problems = new List<string>();
        for (int i = 0; i < cells.Count; i++)
        {
            string name = cells[i].Trim().ToLowerInvariant();
            if (!RequiredColumns.Contains(name) && !OptionalColumns.Contains(name))
            {
                problems.Add($"unknown column '{cells[i].Trim()}'");
            }
            else if (!header.TryAdd(name, i))
            {
                problems.Add($"column '{name}' appears twice");
            }
        }

        problems.AddRange(RequiredColumns.Where(name => !header.ContainsKey(name)).Select(name => $"missing column '{name}'"));
        if (problems.Count == 0)
        {
            return header;
        }

        errors.Add(new(lineNumber, "bad header: " + string.Join("; ", problems)));
        return null;
    }

    private static bool TryReadRow(
        Dictionary<string, int> header,
        List<string> cells,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out DeviceParameter? row,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? error)
    {
        row = null;
        if (cells.Count != header.Count)
        {
            error = $"expected {header.Count} fields, found {cells.Count}";
            return false;
        }

        string Cell(string column) => header.TryGetValue(column, out int i) ? cells[i].Trim() : "";

        var problems = new List<string>();
        string deviceId = DeviceIdSyntax.Normalize(Cell("device_id"));
        string mode = Cell("connector_mode");
        string type = Cell("component_type");
        string id = Cell("component_id");
        string units = Cell("units");
        DeviceParameterRules.Check(deviceId, mode, type, id, units, problems);
        if (!EncodingTypeNames.TryParse(Cell("encoding_type"), out EncodingType encoding))
        {
            problems.Add($"encoding_type '{Cell("encoding_type")}' is not one of {string.Join(", ", EncodingTypeNames.All)}");
        }

        double scaling = ReadNumber(Cell("scaling_factor"), "scaling_factor", 1.0, problems);
        double offset = ReadNumber(Cell("value_offset"), "value_offset", 0.0, problems);
        bool isSigned = ReadBoolean(Cell("is_signed"), problems);
        if (problems.Count > 0)
        {
            error = string.Join("; ", problems);
            return false;
        }

        row = new DeviceParameter(deviceId, mode, type, id, encoding, units, scaling, offset, isSigned);
        error = null;
        return true;
    }

    private static double ReadNumber(string cell, string column, double defaultValue, List<string> problems)
    {
        if (cell.Length == 0)
        {
            return defaultValue;
        }

        if (double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value))
        {
            return value;
        }

        problems.Add($"{column} '{cell}' is not a finite number");
        return defaultValue;
    }

    private static bool ReadBoolean(string cell, List<string> problems)
    {
        switch (cell.ToLowerInvariant())
        {
            case "" or "false" or "f" or "0":
                return false;
            case "true" or "t" or "1":
                return true;
            default:
                problems.Add($"is_signed '{cell}' is not true or false");
                return false;
        }
    }
}
