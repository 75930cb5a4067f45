import Foundation

/// `Reports/<folder name>` for an input folder.
func defaultReportFolder(for input: String, in reports: String = "Reports") -> String {
  reports + "/" + URL(fileURLWithPath: input).standardizedFileURL.lastPathComponent
}
