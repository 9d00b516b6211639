namespace F2.Simulator.Models;

/// <summary>
/// A door on an access-control connector. Door N has <c>strike-N</c> and pin N of <c>door-sensors</c>; it may have
/// <c>reader-N</c> (badge or QR code in) and pin N of <c>exit-buttons</c> (request to exit).
/// </summary>
internal sealed record DoorSpec(int Number, bool HasReader = true, bool HasExitButton = true);
