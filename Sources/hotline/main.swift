import Foundation
import HotlineCommands

exit(await CommandRunner.run(Array(CommandLine.arguments.dropFirst())))
