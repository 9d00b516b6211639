using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace F2.Integrations.DeviceParameters;

/// <summary>Splits one CSV line (RFC 4180 quoting with <c>""</c> for a quote; no line breaks inside fields).</summary>
internal static class CsvLine
{
    public static bool TrySplit(string line, out List<string> cells, [NotNullWhen(false)] out string? error)
    {
        cells = [];
        int position = 0;
        do
        {
            if (!TryReadField(line, ref position, out string field, out string? fieldError))
            {
                error = $"field {cells.Count + 1} {fieldError}";
                return false;
            }

            cells.Add(field);
        }
        while (position++ < line.Length); // step over the comma that ended the field

        error = null;
        return true;
    }

    /// <summary>Reads the field at <paramref name="position"/>, leaving it on the comma after it or the end of the line.</summary>
    private static bool TryReadField(string line, ref int position, out string field, [NotNullWhen(false)] out string? error)
    {
        int start = position;
        int firstNonBlank = start;
        while (firstNonBlank < line.Length && line[firstNonBlank] == ' ')
        {
            firstNonBlank++;
        }

        if (firstNonBlank >= line.Length || line[firstNonBlank] != '"')
        {
            int comma = line.IndexOf(',', start);
            position = comma < 0 ? line.Length : comma;
            field = line[start..position];
            error = null;
            return true;
        }

        var text = new StringBuilder();
        for (int i = firstNonBlank + 1; i < line.Length; i++)
        {
            if (line[i] != '"')
            {
                text.Append(line[i]);
            }
            else if (i + 1 < line.Length && line[i + 1] == '"')
            {
                text.Append('"');
                i++;
            }
            else
            {
                position = i + 1;
                while (position < line.Length && line[position] == ' ')
                {
                    position++;
                }

                field = text.ToString();
                error = position < line.Length && line[position] != ',' ? "has text after its closing quote" : null;
                return error is null;
            }
        }

        field = "";
        error = "has an unterminated quote";
        return false;
    }
}
