using F2.Integrations.DeviceParameters;
using F2.Protocol;

namespace F2.Tests.Storage;

public sealed class DeviceParameterCsvTests
{
    [Fact]
    public void SeedTableRowsParseWithDefaultsForAbsentColumns()
    {
        const string Csv = """
            device_id,connector_mode,component_type,component_id,encoding_type,units,scaling_factor
            f2-e4fd45f654be,access-control-mode,door-sensors,N/A,boolean_map,state,1.0
            f2-E4FD45F654BE,sensor-mode,RS485-sensor,3,hex_to_float,celsius,0.1
            *,alarm-mode,motion-sensor,*,boolean,presence,
            """;

        DeviceParameterCsvResult result = DeviceParameterCsv.Parse(Csv);

        Assert.Empty(result.Errors);
        Assert.Equal(
            [
                new DeviceParameter("f2-e4fd45f654be", "access-control-mode", "door-sensors", "N/A", EncodingType.BooleanMap, "state"),
                new DeviceParameter("f2-e4fd45f654be", "sensor-mode", "RS485-sensor", "3", EncodingType.HexToFloat, "celsius", 0.1),
                new DeviceParameter("*", "alarm-mode", "motion-sensor", "*", EncodingType.Boolean, "presence"),
            ],
            result.Rows);
    }

    [Fact]
    public void OptionalColumnsInAnyOrderAndQuotedCellsAreRead()
    {
        const string Csv = """"
            # comment lines and blank lines are skipped

            is_signed,units,value_offset,device_id,connector_mode,component_type,component_id,encoding_type
            true,"deg ""C""",-40.5,*,sensor-mode,RS485-sensor,2,hex_to_float
            """";

        DeviceParameterCsvResult result = DeviceParameterCsv.Parse(Csv);

        Assert.Empty(result.Errors);
        DeviceParameter row = Assert.Single(result.Rows);
        Assert.Equal(new DeviceParameter("*", "sensor-mode", "RS485-sensor", "2", EncodingType.HexToFloat, "deg \"C\"", 1.0, -40.5, true), row);
    }

    [Fact]
    public void EveryBadLineIsReportedWithItsNumberAndNoRowIsReturned()
    {
        const string Csv = """
            device_id,connector_mode,component_type,component_id,encoding_type,units,scaling_factor
            f2-e4fd45f654be,access-control-mode,strike,1,boolean,state,1.0
            f2-xyz,access-control-mode,strike,1,boolean,state,1.0
            f2-e4fd45f654be,access-control-mode,strike,2,base64,state,1.0

            f2-e4fd45f654be,access-control-mode,strike,1,boolean,state,2.0
            f2-e4fd45f654be,access-control-mode,door-sensors,3,boolean_map,state,1.0
            f2-e4fd45f654be,sensor-mode,RS485-sensor,01,hex_to_float,celsius,abc
            f2-e4fd45f654be,access-control-mode,strike,3,boolean
            f2-e4fd45f654be,access-control-mode,strike,4,boolean,"state
            """;

        DeviceParameterCsvResult result = DeviceParameterCsv.Parse(Csv);

        Assert.Empty(result.Rows);
        Assert.Equal([3, 4, 6, 7, 8, 9, 10], result.Errors.Select(error => error.Line));
        Assert.Contains("device_id", result.Errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("encoding_type", result.Errors[1].Message, StringComparison.Ordinal);
        Assert.Contains("line 2", result.Errors[2].Message, StringComparison.Ordinal);
        Assert.Contains("scaling_factor", result.Errors[4].Message, StringComparison.Ordinal);
        Assert.Contains("component_id", result.Errors[4].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AHeaderWithoutARequiredColumnIsLineOneError()
    {
        DeviceParameterCsvResult result = DeviceParameterCsv.Parse("device_id,connector_mode,component_type,component_id,units\n*,alarm-mode,siren,*,state\n");

        DeviceParameterCsvError error = Assert.Single(result.Errors);
        Assert.Equal(1, error.Line);
        Assert.Contains("encoding_type", error.Message, StringComparison.Ordinal);
    }
}
