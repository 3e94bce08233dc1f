import Khabar
import PostgresNIO
