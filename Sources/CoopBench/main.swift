await CoopBenchCommand.runMain()
