import Foundation
import Synchronization

private let outputLock = Mutex(())

/// Prints one line; lines from concurrent threads never interleave.
func say(_ line: String) {
    outputLock.withLock { _ in
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }
}

/// Text safe to print: control and format characters escaped, long text cut.
func visible(_ text: String, limit: Int = 80) -> String {
    var shown = ""
    var count = 0
    for scalar in text.unicodeScalars {
        if count == limit {
            shown += "…(\(text.unicodeScalars.count) scalars)"
            break
        }
        let category = scalar.properties.generalCategory
        if category == .control || category == .format || category == .lineSeparator
            || category == .paragraphSeparator
        {
            shown += "\\u{\(String(scalar.value, radix: 16))}"
        } else {
            shown.unicodeScalars.append(scalar)
        }
        count += 1
    }
    return shown
}

func seconds(_ value: Double) -> String { String(format: "%.1f s", value) }
