import RTKQLPlanning
import RTKQLStorage

/// Gives a reference whose parameters come from other references' rows its calls, once those rows are
/// loaded: runs each driver query over the scratch database and makes one call per distinct value
/// combination (or the cheaper single listing), within the call limit.
enum DependentFetch {
    static func bind(_ fetch: ResourceFetch, in database: Database, maximumCalls: Int) throws(RTKQLError) -> ResourceFetch {
        guard fetch.isDependent else { return fetch }
        var driverRows: [[[RawValue]]] = []
        for driver in fetch.drivers {
            do {
                let statement = try database.prepare(driver.sql)
                var rows: [[RawValue]] = []
                while try statement.step() { rows.append(statement.row().map(\.rawValue)) }
                driverRows.append(rows)
            } catch let error as DatabaseError {
                throw .database(error)
            } catch {
                throw .storage(error)
            }
        }
        var bound = fetch
        do {
            (bound.method, bound.calls) = try CallCombinations.dependentCalls(of: fetch, driverRows: driverRows, limit: maximumCalls)
        } catch let error as PlanningError {
            throw .planning(error)
        } catch {
            throw .storage(error)
        }
        return bound
    }
}
